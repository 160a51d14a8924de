-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "chatWordFilter" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "room" TEXT NOT NULL,
    "userId" UUID,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "deletedById" UUID,

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatRoom" (
    "eventId" UUID NOT NULL,
    "room" TEXT NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "slowModeSeconds" INTEGER NOT NULL DEFAULT 0,
    "pinnedMessageId" UUID,

    CONSTRAINT "ChatRoom_pkey" PRIMARY KEY ("eventId","room")
);

-- CreateTable
CREATE TABLE "Mute" (
    "eventId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mute_pkey" PRIMARY KEY ("eventId","userId")
);

-- CreateTable
CREATE TABLE "Ban" (
    "eventId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ban_pkey" PRIMARY KEY ("eventId","userId")
);

-- CreateIndex
CREATE INDEX "ChatMessage_eventId_room_createdAt_idx" ON "ChatMessage"("eventId", "room", "createdAt");

-- CreateIndex
CREATE INDEX "ChatMessage_eventId_room_userId_createdAt_idx" ON "ChatMessage"("eventId", "room", "userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatRoom" ADD CONSTRAINT "ChatRoom_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mute" ADD CONSTRAINT "Mute_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ban" ADD CONSTRAINT "Ban_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
