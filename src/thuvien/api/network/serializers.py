"""Shapes of the network resources in the REST API. They parse and present; the services rule."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thuvien.network.models import Library, LibraryGroup, LibraryType, Location, Network
from thuvien.network.selectors import library_list, network_list


class NetworkSerializer(serializers.ModelSerializer):
    merged_into = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Network
        fields = ["code", "name_vi", "name_en", "province", "is_active", "merged_into", "merged_at"]
        read_only_fields = fields


@extend_schema_field(
    {"oneOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]}
)
class BlankableURLField(serializers.URLField):
    """A website that may be left empty: the schema says "a URL or empty" (schemathesis found
    "" answered where the schema promised a URI)."""


@extend_schema_field(
    {"oneOf": [{"type": "string", "format": "email"}, {"type": "string", "maxLength": 0}]}
)
class BlankableEmailField(serializers.EmailField):
    """An e-mail address that may be left empty."""


class LibrarySerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    email = BlankableEmailField(read_only=True)
    website = BlankableURLField(read_only=True)
    library_type_label = serializers.CharField(source="get_library_type_display", read_only=True)

    class Meta:
        model = Library
        fields = [
            "code", "name_vi", "name_en", "library_type", "library_type_label", "network",
            "parent", "province", "commune", "address", "latitude", "longitude", "phone",
            "email", "website", "description", "is_active",
        ]  # fmt: skip
        read_only_fields = fields


class LibraryWriteSerializer(serializers.Serializer):
    """The descriptive fields a network admin may change (the tree changes through a move)."""

    name_vi = serializers.CharField(max_length=255)
    name_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    library_type = serializers.ChoiceField(choices=LibraryType.choices)
    province = serializers.CharField(max_length=100, required=False, allow_blank=True)
    commune = serializers.CharField(max_length=100, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class LibraryCreateSerializer(LibraryWriteSerializer):
    code = serializers.CharField(max_length=32)
    network = serializers.SlugRelatedField(
        slug_field="code", queryset=network_list(include_merged=True)
    )
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=library_list(active_only=False), required=False, allow_null=True
    )


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "code", "name_vi", "name_en", "kind"]
        read_only_fields = fields


class GroupSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="code", read_only=True)
    libraries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = LibraryGroup
        fields = ["id", "code", "name_vi", "name_en", "description", "network", "libraries"]
        read_only_fields = fields
