from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pipeline import BulletinReadError, read_document
from .pipeline.reading import MAX_BULLETIN_BYTES


class BulletinUploadForm(forms.Form):
    file = forms.FileField(label=_("Bulletin file"), required=False,
                           help_text=_(".txt, .html or .docx, at most 2 MB; UTF-8, GB18030/GBK or UTF-16."))
    title = forms.CharField(label=_("Title"), required=False, max_length=300,
                            help_text=_("Left blank: the first line of pasted text, or the file's headline."))
    text = forms.CharField(label=_("…or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    issued_on = forms.DateField(label=_("Issue date"), help_text=_("The bulletin prints no year: this date gives it."),
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                initial=timezone.localdate)  # a bulletin is mostly imported the day it is issued

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload and pasted:
            raise forms.ValidationError(_("Give a file or pasted text, not both."))
        if upload:
            if upload.size > MAX_BULLETIN_BYTES:
                self.add_error("file", _("The file is larger than 2 MB (%(size)s bytes).") % {"size": upload.size})
                return cleaned
            try:
                cleaned["bulletin_text"] = read_document(upload.read(), upload.name)
            except BulletinReadError as error:
                self.add_error("file", str(error))
            cleaned["file_name"] = upload.name
        elif pasted:
            if len(pasted.encode("utf-8")) > MAX_BULLETIN_BYTES:
                self.add_error("text", _("The text is larger than 2 MB."))
            cleaned["bulletin_text"] = pasted.replace("\r\n", "\n")
            cleaned["file_name"] = ""
        elif "file" not in self.errors:
            raise forms.ValidationError(_("Choose a file or paste the bulletin's text."))
        return cleaned
