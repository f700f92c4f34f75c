from wagtail import hooks

from home import personal_data_admin
from home.addresses import serve_on_canonical_host

hooks.register("before_serve_page", serve_on_canonical_host)

# The register of personal data: the report for schools and the operator, the export.
hooks.register("register_admin_urls", personal_data_admin.admin_urls)
hooks.register("register_admin_menu_item", personal_data_admin.report_menu_item)
hooks.register("register_admin_menu_item", personal_data_admin.export_menu_item)
