# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains endpoint functions for accessing the API"""
