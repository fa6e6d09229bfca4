import getpass
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

CLERKS_GROUP = "Clerks"


class Command(BaseCommand):
    help = (
        "Create a clerk (griffier): a staff account in the Clerks group. "
        "For an existing username it makes that user a clerk and sets the password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help="The password to set. Without it you are asked for one, "
            "or with --no-input a random one is generated and printed.",
        )
        parser.add_argument("--no-input", action="store_true", dest="no_input")

    @transaction.atomic
    def handle(self, *args, username, email, password, no_input, **options):
        try:
            group = Group.objects.get(name=CLERKS_GROUP)
        except Group.DoesNotExist as error:
            raise CommandError(
                "The Clerks group is missing: run `manage.py migrate` first."
            ) from error

        if password is None:
            if no_input:
                password = secrets.token_urlsafe(12)
                self.stdout.write(f"Generated password: {password}")
            else:
                password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("The password cannot be empty.")

        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        user.is_staff = True
        if email:
            user.email = email
        user.set_password(password)
        user.save()
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} clerk {username!r}; log in at /admin/.")
