"""The people and bodies of the register: ministries, officials (bewindspersonen), ministry
contacts, committees, parties, members and the recess calendar."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Ministry(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self):
        return self.name


class MinistryAlias(models.Model):
    """Another name under which a source names one of our ministries: an earlier name of a
    renamed department ("Veiligheid en Justitie"), a post within it ("Buitenlandse Handel en
    Ontwikkelingssamenwerking" within Buitenlandse Zaken) or a usual abbreviation. Clerks edit
    them in the admin; the import reads them (commitments/tk/ministries.py)."""

    name = models.CharField(_("name as the source writes it"), max_length=200, unique=True)
    ministry = models.ForeignKey(
        Ministry, models.CASCADE, related_name="aliases", verbose_name=_("ministry")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("other name of a ministry")
        verbose_name_plural = _("other names of ministries")

    def __str__(self):
        return f"{self.name} → {self.ministry}"


class Official(models.Model):
    """A bewindspersoon: the minister or state secretary who makes a promise."""

    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(
        _("function"),
        max_length=200,
        help_text=_("For example: Staatssecretaris van Justitie en Veiligheid"),
    )
    ministry = models.ForeignKey(
        Ministry, models.PROTECT, related_name="officials", verbose_name=_("ministry")
    )
    # The Tweede Kamer's `Voornaam` and `Titulatuur`, kept as the register gives them; the
    # database defaults serve rows inserted in SQL (the benchmarks' and the fault suite's data).
    first_name = models.CharField(_("first name"), max_length=100, blank=True, db_default="")
    title = models.CharField(_("form of address"), max_length=100, blank=True, db_default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "function"],
                name="official_name_function_unique",
                violation_error_message=_("An official with this name and function exists."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.function})"


class Contact(models.Model):
    """Ministry staff who receive reminders and answer them through a signed link."""

    ministry = models.ForeignKey(
        Ministry, models.PROTECT, related_name="contacts", verbose_name=_("ministry")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    is_senior = models.BooleanField(
        _("senior contact"),
        default=False,
        help_text=_("Receives the escalation when a commitment stays overdue for long."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Every answer link carries this number; a link with another number no longer works. A clerk
    # revoking the links and a deactivation both raise it (services/links.py). The database
    # default serves contacts inserted in SQL (the benchmarks' and the fault suite's data).
    link_version = models.PositiveIntegerField(
        _("link version"), default=1, db_default=1, editable=False
    )
    links_revoked_at = models.DateTimeField(
        _("links last revoked"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["ministry", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "ministry",
                name="contact_email_per_ministry_unique",
                violation_error_message=_("This ministry already has a contact with this address."),
            ),
            models.UniqueConstraint(
                fields=["ministry"],
                condition=Q(is_senior=True),
                name="contact_one_senior_per_ministry",
                violation_error_message=_("This ministry already has a senior contact."),
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        # Saved inactive, its links end, so reactivating it later does not revive the links it
        # was sent before; an inactive contact's links are refused anyway, so raising the
        # number again on a later save of it changes nothing a contact notices.
        if not self.is_active and not self._state.adding:
            self.link_version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "link_version"}
        super().save(*args, **kwargs)


class Committee(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)
    tk_id = models.UUIDField(
        _("Tweede Kamer Id"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name


class Party(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, unique=True)
    # The Tweede Kamer's `Fractie` Id, by which the import matches a party.
    tk_id = models.UUIDField(
        _("Tweede Kamer Id"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.abbreviation


class Member(models.Model):
    """A member of parliament to whom a commitment can be made."""

    name = models.CharField(_("name"), max_length=200)
    party = models.ForeignKey(
        Party,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("party"),
    )
    # The Tweede Kamer's `Persoon` Id, by which the import matches a member.
    tk_id = models.UUIDField(
        _("Tweede Kamer Id"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member of parliament")
        verbose_name_plural = _("members of parliament")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "party"],
                name="member_name_party_unique",
                violation_error_message=_("This member exists already."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.party})" if self.party_id else self.name


class Recess(models.Model):
    """A recess of the Tweede Kamer: deadline phrases such as 'voor het zomerreces' refer to it."""

    class Kind(models.TextChoices):
        SPRING = "spring", _("Spring recess")
        MAY = "may", _("May recess")
        SUMMER = "summer", _("Summer recess")
        AUTUMN = "autumn", _("Autumn recess")
        CHRISTMAS = "christmas", _("Christmas recess")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "starts_on"],
                name="recess_kind_start_unique",
                violation_error_message=_("This recess exists already."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="recess_ends_after_start",
                violation_error_message=_("A recess cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"
