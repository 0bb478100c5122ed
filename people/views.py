from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from people.forms import ProfileForm
from people.permissions import own_profile


@login_required
def profile(request):
    """Show and edit the viewer's own profile."""
    person = own_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=person)
        if form.is_valid():
            person = form.save(commit=False)
            # Only the profile's columns: an admin may change roles on the same row meanwhile.
            person.save(update_fields=ProfileForm.Meta.fields)
            messages.success(request, "Your profile is saved.")
            return redirect("people:profile")
    else:
        form = ProfileForm(instance=person)
    return render(request, "people/profile.html", {"form": form, "person": person})
