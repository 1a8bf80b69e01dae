from django.core.management.base import BaseCommand, CommandError

from multisite.models import UnitKind
from multisite.provisioning import ProvisioningError, UnitSpec, provision_unit


class Command(BaseCommand):
    help = "Tạo một đơn vị với trang thông tin, chuyên mục, nhóm quyền và quy trình duyệt."

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Mã đơn vị (tên miền con)")
        parser.add_argument("--name", required=True, help="Tên đơn vị")
        parser.add_argument("--kind", required=True, help=" | ".join(UnitKind.values))
        parser.add_argument("--parent", default=None, help="Mã đơn vị cấp trên")
        parser.add_argument("--hostname", default=None, help="Tên miền (mặc định <mã>.<PORTAL_BASE_DOMAIN>)")
        parser.add_argument("--address", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, **options):
        spec = UnitSpec(
            code=options["code"],
            name=options["name"],
            kind=options["kind"],
            parent_code=options["parent"],
            hostname=options["hostname"],
            address=options["address"],
            phone=options["phone"],
            email=options["email"],
        )
        try:
            result = provision_unit(spec)
        except ProvisioningError as error:
            raise CommandError(str(error)) from None
        unit = result.unit
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(f"Đã tạo đơn vị “{unit.name}” ({unit.code}) tại {unit.root_url}/")
            )
        else:
            self.stdout.write(f"Đơn vị “{unit.name}” ({unit.code}) đã có; không thay đổi gì.")
