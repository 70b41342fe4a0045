from django.urls import path

from accounts import views

urlpatterns = [
    path("signup/phone/", views.phone_signup, name="account_signup_phone"),
    path("guide-sharing/", views.guide_sharing, name="account_guide_sharing"),
]
