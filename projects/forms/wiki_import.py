"""The page to import, as pasted. It only parses input; the import service decides."""

from django import forms

from projects.wiki.parse import PAGE_MAX_CHARS


class WikiImportForm(forms.Form):
    page = forms.CharField(
        label="The wiki page's source",
        # Kept exactly as pasted, so the line numbers of problems match the paste.
        strip=False,
        max_length=PAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text="On the wiki, open “Edit source” and copy everything. Each idea starts with "
        "“=== Title ===”, followed by '''Summary:''', the description, '''Links:''' and "
        "'''Details:''' as in the template; the rest of the page is left alone.",
    )
