from django.contrib import admin

from listings.models import Listing, SavedSearch, ScreeningQuestion


class ScreeningQuestionInline(admin.TabularInline):
    model = ScreeningQuestion
    extra = 0


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "kind", "status", "kommune", "deadline")
    list_filter = ("status", "kind")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "occupation", "kommune", "bydel", "created_by")
    readonly_fields = ("created_at", "updated_at", "published_at", "closed_at")
    inlines = [ScreeningQuestionInline]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at")
    raw_id_fields = ("user",)
