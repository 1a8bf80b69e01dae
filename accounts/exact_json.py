"""Django's JSON serializer without its loss of precision, for backups.

DjangoJSONEncoder cuts datetimes and times to milliseconds; a restore must
bring back exactly what was saved, so this encoder keeps microseconds.
Registered as the "exactjson" format by accounts.backup.
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 - part of the format
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        self.options["cls"] = ExactJSONEncoder
        super()._init_options()
