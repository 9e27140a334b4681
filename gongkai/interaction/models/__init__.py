"""Public participation (公众参与): messages, error reports, consultations on drafts, surveys, hotline orders."""

from .hotline import Satisfaction, WorkOrder
from .messages import ErrorKind, ErrorReport, Message, MessageKind, MessageStatus
from .solicitations import Comment, CommentStatus, Solicitation
from .surveys import Answer, Choice, Question, QuestionKind, Survey, SurveyResponse

__all__ = [
    "Answer", "Choice", "Comment", "CommentStatus", "ErrorKind", "ErrorReport", "Message", "MessageKind",
    "MessageStatus", "Question", "QuestionKind", "Satisfaction", "Solicitation", "Survey", "SurveyResponse",
    "WorkOrder",
]
