import json

from django.core.management.base import BaseCommand

from multisite.models import Unit


class Command(BaseCommand):
    help = "Liệt kê các đơn vị (với --json: mỗi dòng một đối tượng JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Mỗi dòng một đối tượng JSON")

    def handle(self, *args, **options):
        units = Unit.objects.select_related("parent", "site").order_by("pk")
        for unit in units:
            record = {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "parent": unit.parent.code if unit.parent_id else None,
                "hostname": unit.site.hostname if unit.site_id else None,
                "root_url": unit.root_url + "/" if unit.site_id else None,
            }
            if options["json"]:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{record['code']:<30} {unit.get_kind_display():<28} {record['name']}  {record['root_url']}"
                )
