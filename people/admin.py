"""The Django admin for people: Django's UserAdmin, adapted to a model whose login is the email."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from people.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = (
        "email",
        "display_name",
        "timezone",
        "is_program_admin",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_program_admin", "is_staff", "is_superuser", "is_active", "date_joined")
    search_fields = ("email", "display_name", "github_username", "gitlab_username")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profile",
            {
                "fields": (
                    "display_name",
                    "pronouns",
                    "timezone",
                    "affiliation",
                    "irc_nick",
                    "matrix_id",
                    "github_username",
                    "gitlab_username",
                    "show_email",
                )
            },
        ),
        (
            "Roles and permissions",
            {
                "fields": (
                    "is_active",
                    "is_program_admin",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
