/* The floor of `make bench`: the time libyaml alone needs to parse the same
 * files, event by event, one after the other on one core, reading each file
 * into memory first as orglint does. Prints the events counted and the
 * seconds taken. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static long parse_file(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) { perror(path); exit(2); }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  unsigned char *bytes = malloc(size ? size : 1);
  if (fread(bytes, 1, size, file) != (size_t)size) { perror(path); exit(2); }
  fclose(file);

  yaml_parser_t parser;
  yaml_event_t event;
  long events = 0;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, bytes, size);
  for (;;) {
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "%s: %s\n", path, parser.problem);
      exit(2);
    }
    int done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    events++;
    if (done) break;
  }
  yaml_parser_delete(&parser);
  free(bytes);
  return events;
}

int main(int argc, char **argv) {
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  long events = 0;
  for (int i = 1; i < argc; i++) events += parse_file(argv[i]);
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("%ld events %.3f s\n", events, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
  return 0;
}
