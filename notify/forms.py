from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.policy import users_who_may
from enterprises.models import Person

from .models import ChannelPreference


class ChannelPreferenceForm(forms.ModelForm):
    class Meta:
        model = ChannelPreference
        fields = ["channel", "mobile"]


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("Instruction (批示)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    owner_person = forms.ModelChoiceField(
        label=_("Owner"), queryset=Person.objects.filter(user__isnull=False).order_by("name"), required=False,
        help_text=_("The person who answers for it; they are told on their channel."),
    )
    owner_user = forms.ModelChoiceField(
        label=_("Staff member following up"), required=False,
        queryset=users_who_may("follow_up.complete").order_by("username"),
    )
    due_date = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
