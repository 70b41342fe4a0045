from django.contrib import admin

from reference.models import Bydel, Kommune, Occupation


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "fylke_name", "aga_zone", "aga_zones")
    list_filter = ("aga_zone", "fylke_name")
    search_fields = ("number", "name")


@admin.register(Bydel)
class BydelAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "kommune")
    search_fields = ("number", "name")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "title_nb", "isco08_title_en")
    list_filter = ("level",)
    search_fields = ("code", "title_nb", "isco08_title_en")
    raw_id_fields = ("parent",)
