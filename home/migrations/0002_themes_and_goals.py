"""The shared vocabularies every school uses: Eco-Schools themes and the 17 UN SDGs."""

import uuid

from django.db import migrations

THEMES = [
    ("water", "Ūdens", "Water"),
    ("waste", "Atkritumi", "Waste"),
    ("energy", "Enerģija", "Energy"),
    ("biodiversity", "Bioloģiskā daudzveidība", "Biodiversity"),
    ("climate-change", "Klimata pārmaiņas", "Climate change"),
    ("food", "Pārtika", "Food"),
    ("transport", "Transports", "Transport"),
    ("healthy-lifestyle", "Veselīgs dzīvesveids", "Healthy lifestyle"),
    ("school-grounds", "Skolas apkārtne", "School grounds"),
    ("forest", "Mežs", "Forest"),
    ("marine-and-coast", "Jūra un piekraste", "Marine and coast"),
]

GOALS = [
    (1, "Bez nabadzības", "No poverty"),
    (2, "Bez bada", "Zero hunger"),
    (3, "Laba veselība un labklājība", "Good health and well-being"),
    (4, "Kvalitatīva izglītība", "Quality education"),
    (5, "Dzimumu līdztiesība", "Gender equality"),
    (6, "Tīrs ūdens un sanitārija", "Clean water and sanitation"),
    (7, "Pieejama un tīra enerģija", "Affordable and clean energy"),
    (8, "Pienācīgs darbs un ekonomiskā izaugsme", "Decent work and economic growth"),
    (9, "Rūpniecība, inovācijas un infrastruktūra", "Industry, innovation and infrastructure"),
    (10, "Mazāka nevienlīdzība", "Reduced inequalities"),
    (11, "Ilgtspējīgas pilsētas un kopienas", "Sustainable cities and communities"),
    (12, "Atbildīgs patēriņš un ražošana", "Responsible consumption and production"),
    (13, "Rīcība klimata jomā", "Climate action"),
    (14, "Dzīvība ūdenī", "Life below water"),
    (15, "Dzīvība uz sauszemes", "Life on land"),
    (16, "Miers, taisnīgums un spēcīgas institūcijas", "Peace, justice and strong institutions"),
    (17, "Partnerība mērķu sasniegšanai", "Partnerships for the goals"),
]


def create_vocabularies(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    EcoTheme = apps.get_model("home", "EcoTheme")
    Goal = apps.get_model("home", "SustainableDevelopmentGoal")
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    for slug, name_lv, name_en in THEMES:
        if EcoTheme.objects.filter(slug=slug).exists():
            continue
        key = uuid.uuid4()
        EcoTheme.objects.create(translation_key=key, locale=lv, slug=slug, name=name_lv)
        EcoTheme.objects.create(translation_key=key, locale=en, slug=slug, name=name_en)
    for number, name_lv, name_en in GOALS:
        if Goal.objects.filter(number=number).exists():
            continue
        key = uuid.uuid4()
        Goal.objects.create(translation_key=key, locale=lv, number=number, name=name_lv)
        Goal.objects.create(translation_key=key, locale=en, number=number, name=name_en)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
