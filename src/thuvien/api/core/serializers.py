"""Serializers of the core API: tokens, who am I, memberships."""

from __future__ import annotations

from rest_framework import serializers

from thuvien.accounts.models import Membership


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(
        required=False, allow_blank=True, help_text="Mã TOTP, nếu tài khoản bật xác thực hai bước."
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class PlaceCapabilitiesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    network = serializers.CharField(required=False)
    capabilities = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.CharField()
    preferred_language = serializers.CharField()
    two_factor = serializers.BooleanField()
    libraries = PlaceCapabilitiesSerializer(many=True)
    networks = PlaceCapabilitiesSerializer(many=True)


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    full_name = serializers.CharField(source="user.full_name")
    role = serializers.CharField(source="role.code")
    library = serializers.CharField(source="library.code", allow_null=True, default=None)
    network = serializers.CharField(source="network.code")

    class Meta:
        model = Membership
        fields = ["id", "username", "full_name", "role", "library", "network", "created_at"]
