CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"faculty" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_level_check" CHECK ("courses"."level" in ('UG', 'PG'))
);
--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "student_number" text;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "course_id" uuid;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "nationality" text;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "pronouns" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "courses_name_level_unique" ON "courses" USING btree (lower("name"),"level");--> statement-breakpoint
ALTER TABLE "student_profiles" ADD CONSTRAINT "student_profiles_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "student_profiles_student_number_unique" ON "student_profiles" USING btree ("student_number");