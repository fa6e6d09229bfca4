"""The one normaliser of text at every input: what a clerk types, an API client posts, a letter
holds, a contact answers and the Tweede Kamer's register sends is stored only as it leaves here.

The rule, for a value of any length:

- characters of the Unicode categories Cc (controls: U+0000..U+001F, U+007F, U+0080..U+009F),
  Cf (format: the zero-width space U+200B, joiners, the soft hyphen, the byte-order mark U+FEFF,
  bidirectional overrides) and Cs (a lone surrogate, which JSON can carry and no database takes)
  are dropped: nobody types them on purpose, and they break feeds, exports and pages;
- line breaks (CR LF, CR, U+000B, U+000C, U+0085, U+2028, U+2029) become one "\\n"; in long text
  (`multiline`: a commitment's text, a letter, a reason) line breaks and tabs are kept, as they
  carry the text's layout, and in a one-line value (a summary, a title, a name) they become
  spaces;
- then the text is put in NFKC form, so a ligature ("ﬁ", U+FB01) becomes its letters ("fi"), a
  non-breaking space a space and a full-width digit a digit, and a search finds what was typed.

`text` and `line` are the rule; `NormalisedForm` and `NormalisedSerializer` apply it to the text
fields of a Django form and a DRF serializer before their own validation, so a length limit
counts the characters that will be stored.
"""

import re
import unicodedata

from django import forms
from rest_framework import serializers

# Long-text fields, by name, in which line breaks and tabs are kept.
MULTILINE_FIELDS = frozenset({"text", "reason", "change_reason", "sentence", "letter_text"})

LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
KEPT_IN_TEXT = frozenset("\n\t")


def text(value: str) -> str:
    """Long text, normalised: line breaks and tabs kept, other controls and format characters
    dropped, NFKC. It can be longer than `value` (NFKC spells a ligature out), so a length limit
    is checked after."""
    value = LINE_BREAKS.sub("\n", value)
    kept = "".join(
        char
        for char in value
        if char in KEPT_IN_TEXT or unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    return unicodedata.normalize("NFKC", kept)


def line(value: str) -> str:
    """A one-line value (a summary, a title, a name, a search term) normalised as `text`, with its
    line breaks and tabs turned into spaces."""
    return text(value).replace("\n", " ").replace("\t", " ")


def field_value(name: str, value):
    """A form's or a serializer's value for the field `name`: text normalised as long text or as
    a line by the field's name; anything else as it is."""
    if not isinstance(value, str):
        return value
    return text(value) if name in MULTILINE_FIELDS else line(value)


class NormalisedForm:
    """A Django form mixin: every text field's input passes the normaliser before the field
    cleans it (so `max_length` and `required` judge the normalised value)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                _normalise_before(field, "to_python", name)


class NormalisedModelForm(NormalisedForm, forms.ModelForm):
    """The base of the admin's model forms: what a clerk types is normalised like any input."""


class NormalisedSerializer:
    """A DRF serializer mixin: every text field's input passes the normaliser before the field
    validates it."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if isinstance(field, serializers.CharField):
                _normalise_before(field, "to_internal_value", name)
        return fields


def _normalise_before(field, method: str, name: str) -> None:
    """Wrap a text field's own conversion of its input so that it first normalises it."""
    convert = getattr(field, method)

    def normalised(data):
        return convert(field_value(name, data))

    setattr(field, method, normalised)
