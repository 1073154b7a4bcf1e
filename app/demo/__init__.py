"""Realistic, reproducible demo data for the whole region (``acec demo``)."""

from app.demo.generator import DemoResult, generate_demo

__all__ = ["DemoResult", "generate_demo"]
