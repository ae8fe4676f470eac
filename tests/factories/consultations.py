from datetime import timedelta

import factory
from django.utils import timezone

from consultations.models import (
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    BoardResponse,
    Consultation,
    InRoomGathering,
    InRoomTally,
    MeetingStatus,
    Priority,
    PriorityStatus,
    ResponseStatus,
    ReturnReason,
    Theme,
    Vote,
    name_key,
)

from .accounts import MemberFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """Open now, for every member, three votes each, one per priority."""

    class Meta:
        model = Consultation

    question = factory.Sequence(lambda n: f"What matters most to you? ({n})")
    background = "We will take the top priorities to the partnership board."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Params:
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=8)),
        )
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=8)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    consultation = factory.SubFactory(ConsultationFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    """A published priority by a member."""

    class Meta:
        model = Priority

    consultation = factory.SubFactory(ConsultationFactory)
    title = factory.Sequence(lambda n: f"Priority number {n}")
    explanation = "It would help a lot of people."
    author = factory.SubFactory(MemberFactory)
    status = PriorityStatus.APPROVED
    approved_at = factory.LazyFunction(timezone.now)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    priority = factory.SubFactory(PriorityFactory)
    voter = factory.SubFactory(MemberFactory)


class InRoomGatheringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InRoomGathering

    consultation = factory.SubFactory(ConsultationFactory)
    name = "Tuesday peer group"
    held_on = factory.LazyFunction(timezone.localdate)


def _gathering_for(tally):
    """The priority's consultation's gathering with this place and day, made the first time."""
    consultation = tally.priority.consultation
    return InRoomGathering.objects.filter(
        consultation=consultation, name_key=name_key(tally.place), held_on=tally.held_on
    ).first() or InRoomGatheringFactory(consultation=consultation, name=tally.place, held_on=tally.held_on)


class InRoomTallyFactory(factory.django.DjangoModelFactory):
    """Give `gathering`, or `place` and `held_on` to find or make one in the priority's consultation."""

    class Meta:
        model = InRoomTally

    class Params:
        place = "Tuesday peer group"
        held_on = factory.LazyFunction(timezone.localdate)

    priority = factory.SubFactory(PriorityFactory)
    gathering = factory.LazyAttribute(_gathering_for)
    votes = 5


class ReturnReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnReason

    title = "Names someone"
    message = "Thank you. It names someone, so could you change it and send it again?"


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnership board {n}")
    description = "The partnership that decides on local alcohol and drug services."

    @factory.post_generation
    def representatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.representatives.add(*extracted)


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting in two weeks' time."""

    class Meta:
        model = BoardMeeting

    board = factory.SubFactory(BoardFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    place = "Council chambers"
    status = MeetingStatus.PLANNED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(BoardMeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    summary = "Members asked for this, and many voted for it."

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            AgendaItemPriority.objects.bulk_create(
                AgendaItemPriority(agenda_item=self, meeting=self.meeting, priority=p) for p in extracted
            )


class BoardResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardResponse

    agenda_item = factory.SubFactory(AgendaItemFactory)
    status = ResponseStatus.ACCEPTED
    explanation = "The board agreed and will pay for it."
    responsible = "Hub manager"
