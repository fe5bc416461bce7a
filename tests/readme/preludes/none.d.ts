// For the READMEs whose blocks use no name they do not import or declare themselves.
