"""The JSON schema of POST /api/v1/requests: every constraint ApplicationForm enforces, stated.

The body is parsed by hand (api.py), so this schema is the description clients and schema-based fuzzing
read. Formats beyond JSON Schema's own: ``foi-org-code`` (an organization that takes requests, see GET
/api/v1/orgs), ``gb11643`` (an 18-character resident ID with a real birth date and the check character)
and ``gb32100`` (a unified social credit code with its check character).
"""

from __future__ import annotations

from .choices import ApplicantType, Delivery, IdType

NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"  # some visible character, no NUL
PHONE = r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[2-9][0-9]{6,7}(-[0-9]{1,6})?)$"
EMAIL = (r"^[A-Za-z0-9_%+-]{1,30}(\.[A-Za-z0-9_%+-]{1,30}){0,3}"
         r"@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,10}$")


def _text(max_length: int, *, required: bool = False, description: str = "") -> dict:
    schema = {"type": "string", "maxLength": max_length, "pattern": NOT_BLANK if required else NO_NUL}
    if required:
        schema["minLength"] = 1
    if description:
        schema["description"] = description
    return schema


def _optional(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


ORGS = [t for t in ApplicantType.values if t != ApplicantType.NATURAL_PERSON]

COMMON = {
    "org": {"type": "string", "format": "foi-org-code", "description": "受理机关代码（GET /api/v1/orgs）"},
    "applicant_type": {"type": "string", "enum": list(ApplicantType.values)},
    "name": _text(100, required=True, description="姓名或单位名称"),
    "phone": {"type": "string", "pattern": PHONE, "description": "11位手机号码或带区号的固定电话"},
    "email": {"anyOf": [{"type": "string", "pattern": EMAIL}, {"type": "string", "maxLength": 0}, {"type": "null"}]},
    "address": _optional(_text(200)),
    "contact_name": _optional(_text(60)),
    "description": _text(5000, required=True, description="所需政府信息的名称、文号或其他特征描述"),
    "purpose": _optional(_text(1000)),
    "delivery": {"type": "string", "enum": list(Delivery.values)},
}
REQUIRED = ["org", "applicant_type", "name", "id_type", "id_number", "phone", "description", "delivery"]


def _variant(title: str, id_type: dict, id_number: dict, **overrides: dict) -> dict:
    return {"title": title, "type": "object", "required": REQUIRED,
            "properties": {**COMMON, **overrides, "id_type": id_type, "id_number": id_number}}


# The ID number's form follows the ID type; a natural person cannot use a credit code.
REQUEST_BODY = {
    "type": "object",
    "required": REQUIRED,
    # Every field; how id_number must look for each id_type is in the variants below.
    "properties": {**COMMON, "id_type": {"type": "string", "enum": list(IdType.values)},
                   "id_number": {"type": "string", "minLength": 1, "maxLength": 40}},
    "oneOf": [
        _variant("居民身份证", {"type": "string", "enum": [IdType.RESIDENT_ID]},
                 {"type": "string", "format": "gb11643", "minLength": 18, "maxLength": 18,
                  "description": "18位：17位数字与校验码（0–9或X），出生日期真实"}),
        _variant("统一社会信用代码", {"type": "string", "enum": [IdType.CREDIT_CODE]},
                 {"type": "string", "format": "gb32100", "minLength": 18, "maxLength": 18,
                  "description": "18位统一社会信用代码（含校验码）"},
                 applicant_type={"type": "string", "enum": ORGS}),
        _variant("护照或其他证件", {"type": "string", "enum": [IdType.PASSPORT, IdType.OTHER]}, _text(40, required=True)),
    ],
}
