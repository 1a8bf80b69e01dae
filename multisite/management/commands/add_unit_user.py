from django.core.management.base import BaseCommand, CommandError

from multisite.accounts import AccountError, set_unit_user
from multisite.models import UnitRole


class Command(BaseCommand):
    help = "Tạo hoặc cập nhật tài khoản cán bộ của một đơn vị với một vai trò."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị")
        parser.add_argument("--role", required=True, help=" | ".join(UnitRole.values))
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args, **options):
        try:
            user, created = set_unit_user(
                options["unit"], options["role"], options["username"], options["email"], options["password"]
            )
        except AccountError as error:
            raise CommandError(str(error)) from None
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} tài khoản “{user.username}” – {UnitRole(options['role']).label} của đơn vị {options['unit']}."
            )
        )
