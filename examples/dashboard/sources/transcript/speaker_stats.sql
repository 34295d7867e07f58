-- One row per speaker: turns, words, documents, first and last appearance.
select speaker_key, speaker, turns, words, documents, first_appearance, last_appearance
from speaker_stats
