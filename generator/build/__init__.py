"""Build: the pipeline (load -> check -> model -> render -> write), its workers and writer."""
