"""Verdict: claims stated by several sources become one cluster, copies of one story count once,
and each cluster gets one label, confidence and reason from its sources' stances."""

from pipeline.verdict.build import CorpusInfo, build_verdicts, unverified
from pipeline.verdict.cluster import cluster_claims, same_party
from pipeline.verdict.copies import near_duplicates
from pipeline.verdict.decide import decide

__all__ = [
    "CorpusInfo",
    "build_verdicts",
    "cluster_claims",
    "decide",
    "near_duplicates",
    "same_party",
    "unverified",
]
