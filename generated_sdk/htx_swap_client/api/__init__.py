# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains methods for accessing the API"""
