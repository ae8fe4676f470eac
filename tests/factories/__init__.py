from .accounts import MemberFactory, UserFactory, user_with_roles

__all__ = ["MemberFactory", "UserFactory", "user_with_roles"]
