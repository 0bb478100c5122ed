from django import forms

# What a browser's <input type="datetime-local"> sends and expects: local time, no zone.
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-time picker (<input type="datetime-local">): local time, no zone.
    What is typed is read in the viewer's zone, which the middleware activates, and stored
    in UTC."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL_FORMAT, **kwargs)
