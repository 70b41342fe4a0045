"""What placements tell the apps above them, which decide themselves what follows."""

from django.dispatch import Signal

# Sent inside the transaction of every approval of an agreement, with `agreement` (saved, with its
# new status) and `by`. (subsidies opens the case of an innstegsjobb or nystartsjobb that became
# ready.)
agreement_approved = Signal()
