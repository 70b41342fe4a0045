"""What organisations tell the apps above them, which decide themselves what follows."""

from django.dispatch import Signal

# Sent inside the transaction that rejects claims to an organisation number another organisation
# has been verified for; `organisation_ids` are the rejected claims, `at` the time of rejection.
# (listings closes their published listings.)
claims_rejected = Signal()
