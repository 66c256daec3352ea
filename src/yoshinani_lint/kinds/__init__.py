"""The rule kinds. Each kind reads its own keys from a check in a rule file."""

from .condition import ConditionCheck
from .metric import MetricCheck
from .pattern import PatternCheck
from .substitution import SubstitutionCheck

KINDS = {
    "pattern": PatternCheck,
    "substitution": SubstitutionCheck,
    "condition": ConditionCheck,
    "metric": MetricCheck,
}
