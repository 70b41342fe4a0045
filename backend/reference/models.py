"""Reference tables: kommuner with their employer-tax zone, Oslo's bydeler, STYRK-08 occupations.

Loaded by a migration from the CSV files in reference/data (sources in SOURCES.md), editable in
the admin, refreshed with `manage.py import_reference_data`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgaZone(models.TextChoices):
    I = "I", "I"  # noqa: E741 - the zone's official name
    IA = "Ia", "Ia"
    II = "II", "II"
    III = "III", "III"
    IV = "IV", "IV"
    IVA = "IVa", "IVa"
    V = "V", "V"


class Kommune(models.Model):
    number = models.CharField(_("kommune number"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    fylke_number = models.CharField(_("fylke number"), max_length=2)
    fylke_name = models.CharField(_("fylke"), max_length=100)
    aga_zone = models.CharField(
        _("arbeidsgiveravgift zone"),
        max_length=3,
        choices=AgaZone.choices,
        blank=True,
        help_text=_(
            "Empty for a kommune split between zones: the business unit's address decides."
        ),
    )
    aga_zones = models.CharField(_("zones in the kommune"), max_length=40)
    aga_zone_note = models.TextField(_("note on the zone"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def is_split_between_zones(self) -> bool:
        return not self.aga_zone

    @property
    def zone_choices(self) -> list[str]:
        return self.aga_zones.split("|")


class Bydel(models.Model):
    number = models.CharField(_("bydel number"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="bydeler")

    class Meta:
        ordering = ["number"]
        verbose_name = _("bydel")
        verbose_name_plural = _("bydeler")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Occupation(models.Model):
    """A STYRK-08 group at any of its four levels."""

    code = models.CharField(_("STYRK-08 code"), max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    title_nb = models.CharField(_("title"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    isco08_title_en = models.CharField(
        _("ISCO-08 title (English)"),
        max_length=200,
        blank=True,
        help_text=_(
            "The ILO title of the ISCO-08 group with the same code; not an official translation."
        ),
    )

    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_(
            "The group's name by language code (nn, en, ar, uk, ti, so, fa); "
            "a language left out shows the Norwegian title."
        ),
    )
    synonyms = models.JSONField(
        _("search words"),
        default=dict,
        blank=True,
        help_text=_(
            "Words people use for this work, by language code: a search for any of them "
            "finds the listings of this occupation."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.title_nb}"
