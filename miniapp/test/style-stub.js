// Style imports (scss/css) are build-time concerns; jest gets an empty module.
module.exports = {};
