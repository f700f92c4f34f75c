"""Schools set up before moderators could edit their own school's settings get
that right now, for their own site only."""

from django.db import migrations


def grant(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    SchoolPage = apps.get_model("home", "SchoolPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    permission = Permission.objects.filter(
        content_type__app_label="home", codename="change_schoolsettings"
    ).first()
    if permission is None:  # a new database: create_school grants it
        return
    schools = SchoolPage.objects.in_bulk(
        Site.objects.values_list("root_page_id", flat=True)
    )
    for site in Site.objects.filter(root_page_id__in=schools):
        name = f"{schools[site.root_page_id].slug} moderators"
        group = Group.objects.filter(name=name).first()
        if group is not None:
            GroupSitePermission.objects.get_or_create(
                group=group, site=site, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_legal_pages"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
