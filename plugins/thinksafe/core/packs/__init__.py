"""Lesson packs for teachers: what goes in, the printable lesson and its PDF, the ZIP, and packs kept between builds."""
