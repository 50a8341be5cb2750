// A hooks module for tests (config `hooks`): the caller is taken from the `x-test-caller` header,
// JSON `{"id", "roles", "claims"}`; without the header the request has no caller (anonymous).
export default {
  name: 'test caller',
  onRequest(request, state) {
    const header = request.header('x-test-caller');
    if (header) state.caller = JSON.parse(header);
  },
};
