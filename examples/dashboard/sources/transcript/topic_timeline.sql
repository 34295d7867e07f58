-- Mentions per topic, month and speaker.
select month, topic, speaker_key, speaker, mentions, turns, documents
from topic_timeline
