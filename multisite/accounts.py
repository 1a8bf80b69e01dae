"""Creating and updating a unit's staff accounts from scripts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .models import StaffProfile, Unit, UnitGroup, UnitRole


class AccountError(Exception):
    """Bad input for an account; the message is Vietnamese."""


def set_unit_user(unit_code, role, username, email, password, password_hash=None):
    """Create or update ``username`` as a ``role`` of the unit; returns (user, created).

    The account is moved out of any other unit's groups, so a person holds one
    role in one unit. Every check runs before anything is written.
    ``password_hash``: ``password`` already hashed (make_password), so that the
    demo seeder hashes its one shared password once instead of once per account.
    """
    User = get_user_model()
    problems = []
    unit = Unit.objects.filter(code=(unit_code or "").strip().lower()).first()
    if unit is None:
        problems.append(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": unit_code})
    if role not in UnitRole.values:
        problems.append(
            _("Vai trò “%(role)s” không hợp lệ; chọn một trong: %(choices)s.")
            % {"role": role, "choices": ", ".join(UnitRole.values)}
        )
    username = (username or "").strip()
    if not username:
        problems.append(_("Tên đăng nhập không được để trống."))
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("Địa chỉ thư điện tử “%(email)s” không hợp lệ.") % {"email": email})
    user = User.objects.filter(username=username).first() if username else None
    if user is not None and user.is_superuser:
        problems.append(
            _("Tài khoản “%(user)s” là quản trị hệ thống, không gán vào đơn vị.") % {"user": username}
        )
    candidate = user or User(username=username, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        problems.extend(error.messages)
    if problems:
        raise AccountError("\n".join(problems))

    with transaction.atomic():
        created = user is None
        if created:
            user = User(username=username)
        user.email = email
        user.is_active = True
        if password_hash is None:
            user.set_password(password)
        else:
            user.password = password_hash
        user.save()
        unit_groups = UnitGroup.objects.filter(group__user=user).values_list("group_id", flat=True)
        user.groups.remove(*unit_groups)
        user.groups.add(UnitGroup.objects.get(unit=unit, role=role).group)
        StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit})
    return user, created
