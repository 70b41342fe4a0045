"""What applications tell the apps above them, which decide themselves what follows."""

from django.dispatch import Signal

# Sent inside the transaction in which a newcomer accepts an offer, with `application` and `by`.
# (placements drafts the agreement; a refusal raised there undoes the acceptance.)
offer_accepted = Signal()
