"""An honest User-Agent: name, version and a contact URL the site owner can use."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured
from scrapy.http import Request

from newscrawl import __version__


def user_agent(contact_url: str) -> str:
    return f"newscrawl/{__version__} (+{contact_url})"


class ContactUserAgentMiddleware:
    """Builds the User-Agent from NEWSCRAWL_CONTACT_URL unless USER_AGENT was set by hand."""

    def __init__(self, agent: str) -> None:
        self.agent = agent

    @classmethod
    def from_crawler(cls, crawler: Any) -> ContactUserAgentMiddleware:
        s = crawler.settings
        contact = s.get("NEWSCRAWL_CONTACT_URL")
        if not contact:
            raise NotConfigured("NEWSCRAWL_CONTACT_URL is empty")
        default = user_agent("https://github.com/newscrawl/newscrawl")
        agent = s.get("USER_AGENT")
        if agent == default or not agent:
            agent = user_agent(contact)
        return cls(agent)

    def process_request(self, request: Request) -> None:
        request.headers[b"User-Agent"] = self.agent
