import secrets

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.policy import Role, users_with_role
from accounts.services import user_role_set


class Command(BaseCommand):
    help = "Create an admin account if there is none, and print its password this one time."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    @transaction.atomic
    def handle(self, *args, username, **options):
        if users_with_role(Role.ADMIN).exists():
            self.stdout.write("An admin account exists already; nothing created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user_role_set(user=user, role=Role.ADMIN)
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}' with password: {password}"))
        self.stdout.write("It is shown only this once: log in and change it (/admin/password_change/).")
