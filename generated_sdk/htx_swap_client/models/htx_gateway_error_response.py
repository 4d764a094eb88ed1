# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.htx_gateway_error_response_status import (
    HtxGatewayErrorResponseStatus,
    check_htx_gateway_error_response_status,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="HtxGatewayErrorResponse")


@_attrs_define
class HtxGatewayErrorResponse:
    """A gateway or signature error in the spot-style hyphenated shape. Its `err-msg` is the
    only place the real cause shows (a wrong key, a wrong IP binding, a stale timestamp).

    """

    status: HtxGatewayErrorResponseStatus
    err_code: str
    """ A textual code, e.g. "api-signature-not-valid" """
    err_msg: str
    """ Error information (kept as received; may be Chinese) """
    data: None | Unset = UNSET
    ts: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        err_code = self.err_code

        err_msg = self.err_msg

        data = self.data

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "err-code": err_code,
                "err-msg": err_msg,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if ts is not UNSET:
            field_dict["ts"] = ts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = check_htx_gateway_error_response_status(d.pop("status"))

        err_code = d.pop("err-code")

        err_msg = d.pop("err-msg")

        data = d.pop("data", UNSET)

        ts = d.pop("ts", UNSET)

        htx_gateway_error_response = cls(
            status=status,
            err_code=err_code,
            err_msg=err_msg,
            data=data,
            ts=ts,
        )

        htx_gateway_error_response.additional_properties = d
        return htx_gateway_error_response

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
