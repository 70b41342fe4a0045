from django import template

from reference.models import Occupation
from reference.names import occupation_name as name_in

register = template.Library()


@register.filter
def occupation_name(occupation: Occupation | None) -> str:
    """`{{ listing.occupation|occupation_name }}`: the name in the page's language."""
    return "" if occupation is None else name_in(occupation)
