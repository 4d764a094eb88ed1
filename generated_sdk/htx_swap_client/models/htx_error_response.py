# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.htx_error_response_status import (
    HtxErrorResponseStatus,
    check_htx_error_response_status,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="HtxErrorResponse")


@_attrs_define
class HtxErrorResponse:
    """A business error for the whole request (sent with HTTP 200)."""

    status: HtxErrorResponseStatus
    err_code: int
    """ HTX error code, e.g. 1032 (rate limited) or 1061 (order does not exist) """
    err_msg: str
    """ Error information (kept as received; may be Chinese) """
    ts: int | Unset = UNSET
    """ Time of Respond Generation, Unit: Millisecond """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        err_code = self.err_code

        err_msg = self.err_msg

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "err_code": err_code,
                "err_msg": err_msg,
            }
        )
        if ts is not UNSET:
            field_dict["ts"] = ts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = check_htx_error_response_status(d.pop("status"))

        err_code = d.pop("err_code")

        err_msg = d.pop("err_msg")

        ts = d.pop("ts", UNSET)

        htx_error_response = cls(
            status=status,
            err_code=err_code,
            err_msg=err_msg,
            ts=ts,
        )

        htx_error_response.additional_properties = d
        return htx_error_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
