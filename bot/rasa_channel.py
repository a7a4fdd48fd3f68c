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
            text = body.get("message", "")
            metadata = body.get("metadata") or {}
            # Parse once here so the gateway also gets the NLU result (the model layer
            # of the safety check); Rasa uses this parse instead of parsing again.
            parse = await request.app.ctx.agent.parse_message(text)
            parse["metadata"] = metadata
            collector = FrontDoorOutput()
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    body.get("sender"),
                    parse_data=parse,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
            intent = parse.get("intent") or {}
            return response.json({
                "messages": collector.messages,
                "intent": {"name": intent.get("name"), "confidence": intent.get("confidence")},
                "intent_ranking": [
                    {"name": i.get("name"), "confidence": i.get("confidence")}
                    for i in (parse.get("intent_ranking") or [])[:5]
                ],
            })

        return bp
