"""The names of the synced record kinds, in the words a worker reads. One list
for the desk (needs attention) and the county (its refusals name them)."""

ENTITY_LABELS = {
    "resident": "群众信息",
    "case": "办件",
    "case_event": "办件记录",
    "rating": "评价",
    "inquiry": "首问登记",
    "printed_document": "打印记录",
    "complaint": "投诉",
    "appointment": "预约",
    "whereabouts_note": "去向留言",
}
