"""Reading level of a lesson's prose: the Flesch-Kincaid grade, fast, and kept between builds."""
