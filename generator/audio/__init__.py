"""Readings of the stories: speech text, the voices (gTTS, eSpeak NG), MP3, WebVTT and the podcast feed."""
