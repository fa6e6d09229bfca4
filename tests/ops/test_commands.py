import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest

pytestmark = pytest.mark.django_db


def test_it_creates_a_clerk_who_can_log_in_to_the_admin(client):
    call_command(
        "create_clerk", "griffier", "--password", "s3cret-griffie", "--email", "g@example.org"
    )

    user = get_user_model().objects.get(username="griffier")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Clerks"]
    # The login throttling (django-axes) counts attempts per request, so it wants one here too.
    assert client.login(request=HttpRequest(), username="griffier", password="s3cret-griffie")
    assert client.get("/admin/commitments/commitment/").status_code == 200


def test_it_makes_an_existing_user_a_clerk_when_run_again():
    call_command("create_clerk", "griffier", "--password", "first")
    call_command("create_clerk", "griffier", "--password", "second")
    user = get_user_model().objects.get(username="griffier")
    assert user.check_password("second")
    assert user.groups.count() == 1


def test_it_generates_and_prints_a_password_without_input(capsys):
    call_command("create_clerk", "griffier", "--no-input")
    password = capsys.readouterr().out.split("Generated password: ")[1].split()[0]
    assert get_user_model().objects.get(username="griffier").check_password(password)


def test_it_refuses_an_empty_password():
    with pytest.raises(CommandError, match="cannot be empty"):
        call_command("create_clerk", "griffier", "--password", "")
    assert not get_user_model().objects.filter(username="griffier").exists()
