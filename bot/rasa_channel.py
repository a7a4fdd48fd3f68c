"""A Rasa input channel for the gateway: like the REST channel, but each bot message
comes back whole (text, buttons and custom together), not split in two."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

KEEP = ("text", "buttons", "custom", "image", "attachment")


class FrontDoorOutput(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return "frontdoor"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self._persist_message({k: message[k] for k in KEEP if message.get(k)})


class FrontDoorInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "frontdoor"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        bp = Blueprint("frontdoor_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json or {}
            collector = FrontDoorOutput()
            await on_new_message(
                UserMessage(
                    body.get("message", ""),
                    collector,
                    body.get("sender"),
                    input_channel=self.name(),
                    metadata=body.get("metadata") or {},
                )
            )
            return response.json(collector.messages)

        return bp
